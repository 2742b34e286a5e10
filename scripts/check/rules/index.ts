import beslutningUdfald from './beslutning-udfald.ts';
import bilagEksternFil from './bilag-ekstern-fil.ts';
import bilagForaeldetVersion from './bilag-foraeldet-version.ts';
import bilagForkertVersion from './bilag-forkert-version.ts';
import bilagNummerering from './bilag-nummerering.ts';
import bilagRegistreretTitel from './bilag-registreret-titel.ts';
import bilagSha256 from './bilag-sha256.ts';
import bilagUkendtHenvisning from './bilag-ukendt-henvisning.ts';
import daekningAndenDriftsmodel from './daekning-anden-driftsmodel.ts';
import daekningAnmodning from './daekning-anmodning.ts';
import daekningDelingsaftaleDrift from './daekning-delingsaftale-drift.ts';
import daekningDelingsaftaleMyndighed from './daekning-delingsaftale-myndighed.ts';
import daekningDelingsaftale from './daekning-delingsaftale.ts';
import daekningDriftsmodel from './daekning-driftsmodel.ts';
import daekningHsa from './daekning-hsa.ts';
import datoRaekkefoelge from './dato-raekkefoelge.ts';
import forsinkelseUkendtFelt from './forsinkelse-ukendt-felt.ts';
import underskriftMangler from './underskrift-mangler.ts';
import datoSagMoede from './dato-sag-moede.ts';
import datoTekst from './dato-tekst.ts';
import opsigelseFoerIkrafttraeden from './opsigelse-foer-ikrafttraeden.ts';
import opsigelseStatus from './opsigelse-status.ts';
import opsigelseVarsel from './opsigelse-varsel.ts';
import daekningEfterOpsigelse from './daekning-efter-opsigelse.ts';
import moedeDobbeltPunkt from './moede-dobbelt-punkt.ts';
import underskriftLaastTekst from './underskrift-laast-tekst.ts';
import forsinketAnmodningMeddelelse from './forsinket-anmodning-meddelelse.ts';
import forsinketDelingsaftaleIndgaaelse from './forsinket-delingsaftale-indgaaelse.ts';
import forsinketDelingsaftaleUdkast from './forsinket-delingsaftale-udkast.ts';
import forsinketHsaGodkendelse from './forsinket-hsa-godkendelse.ts';
import fristAnmodningMeddelelse from './frist-anmodning-meddelelse.ts';
import fristAnmodningPeriodeSlut from './frist-anmodning-periode-slut.ts';
import fristDelingsaftaleIndgaaelse from './frist-delingsaftale-indgaaelse.ts';
import fristDelingsaftaleReferencedato from './frist-delingsaftale-referencedato.ts';
import fristDelingsaftaleUdkast from './frist-delingsaftale-udkast.ts';
import fristDelingsraadAfgoerelse from './frist-delingsraad-afgoerelse.ts';
import fristHsaEvaluering from './frist-hsa-evaluering.ts';
import fristHsaGodkendelse from './frist-hsa-godkendelse.ts';
import fristHsaIkrafttraeden from './frist-hsa-ikrafttraeden.ts';
import fristHsaOpsigelsesvarsel from './frist-hsa-opsigelsesvarsel.ts';
import fristSagMoede from './frist-sag-moede.ts';
import kapacitetPladser from './kapacitet-pladser.ts';
import kapacitetUkendt from './kapacitet-ukendt.ts';
import refBilagSigSelv from './ref-bilag-sig-selv.ts';
import refDobbeltDokid from './ref-dobbelt-dokid.ts';
import refDobbeltId from './ref-dobbelt-id.ts';
import refDobbeltKode from './ref-dobbelt-kode.ts';
import refManglendeFrist from './ref-manglende-frist.ts';
import refManglendeReferencedata from './ref-manglende-referencedata.ts';
import refStiNavn from './ref-sti-navn.ts';
import refUkendtDokument from './ref-ukendt-dokument.ts';
import refUkendtKommune from './ref-ukendt-kommune.ts';
import refUkendtOpgave from './ref-ukendt-opgave.ts';
import refUkendtSundhedsraad from './ref-ukendt-sundhedsraad.ts';
import regionKommuneIFlereSundhedsraad from './region-kommune-i-flere-sundhedsraad.ts';
import statusGodkendtUdenDato from './status-godkendt-uden-dato.ts';
import tekstUdestaar from './tekst-udestaar.ts';
import tillaegIkrafttraeden from './tillaeg-ikrafttraeden.ts';
import tillaegNummerering from './tillaeg-nummerering.ts';
import tillaegUgyldigVaerdi from './tillaeg-ugyldig-vaerdi.ts';
import tillaegUkendtAfsnit from './tillaeg-ukendt-afsnit.ts';
import tillaegUkendtFelt from './tillaeg-ukendt-felt.ts';
import tillaegUkendtGrundaftale from './tillaeg-ukendt-grundaftale.ts';

/**
 * The rule catalogue, in the order rules run and are listed: reference data first (later rules
 * rely on it), then deadlines, overdue steps, dates, bilag, coverage of the indstilling and
 * capacity.
 *
 * The catalogue is also where the rule ids come from: CatalogueRuleId is the union of its rules'
 * ids (each written once, in the rule's module), and it is merged into the diagnostics layer's
 * RuleId (see CatalogueRuleIds in diagnostics/rule-id.ts for why by declaration merging).
 */
export const rules = [
  refManglendeReferencedata,
  refManglendeFrist,
  refStiNavn,
  refDobbeltId,
  refDobbeltKode,
  refUkendtKommune,
  refUkendtOpgave,
  refUkendtSundhedsraad,
  refUkendtDokument,
  refBilagSigSelv,
  refDobbeltDokid,
  fristHsaGodkendelse,
  fristHsaIkrafttraeden,
  fristHsaOpsigelsesvarsel,
  fristHsaEvaluering,
  fristAnmodningMeddelelse,
  fristAnmodningPeriodeSlut,
  fristDelingsaftaleUdkast,
  fristDelingsaftaleIndgaaelse,
  fristDelingsraadAfgoerelse,
  fristDelingsaftaleReferencedato,
  fristSagMoede,
  forsinketHsaGodkendelse,
  forsinketAnmodningMeddelelse,
  forsinketDelingsaftaleUdkast,
  forsinketDelingsaftaleIndgaaelse,
  datoRaekkefoelge,
  forsinkelseUkendtFelt,
  datoSagMoede,
  datoTekst,
  moedeDobbeltPunkt,
  statusGodkendtUdenDato,
  tekstUdestaar,
  opsigelseStatus,
  opsigelseVarsel,
  opsigelseFoerIkrafttraeden,
  underskriftMangler,
  underskriftLaastTekst,
  bilagNummerering,
  bilagRegistreretTitel,
  bilagForaeldetVersion,
  bilagForkertVersion,
  bilagUkendtHenvisning,
  bilagEksternFil,
  bilagSha256,
  beslutningUdfald,
  daekningDriftsmodel,
  daekningHsa,
  daekningAndenDriftsmodel,
  daekningDelingsaftale,
  daekningDelingsaftaleDrift,
  daekningDelingsaftaleMyndighed,
  daekningAnmodning,
  daekningEfterOpsigelse,
  regionKommuneIFlereSundhedsraad,
  kapacitetPladser,
  kapacitetUkendt,
  tillaegUkendtGrundaftale,
  tillaegNummerering,
  tillaegIkrafttraeden,
  tillaegUkendtFelt,
  tillaegUgyldigVaerdi,
  tillaegUkendtAfsnit,
] as const;

/** The ids of the catalogue's rules (written inline below: inside the block, CatalogueRuleId is diagnostics' own). */
type IdOfARule = (typeof rules)[number]['id'];

declare module '../../diagnostics/rule-id.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the extended type
  interface CatalogueRuleIds extends Record<IdOfARule, true> {}
}

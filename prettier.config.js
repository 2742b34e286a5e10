// Prettier, with the style the code already keeps: single quotes, semicolons, trailing commas.
// printWidth 160: 98.5 % of the lines were within it when Prettier came in, and it is the width
// at which reformatting changes the fewest lines without making new long ones (see README, Developing).
/** @type {import('prettier').Config} */
export default {
  printWidth: 160,
  singleQuote: true,
};

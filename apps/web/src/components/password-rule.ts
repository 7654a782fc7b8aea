/** The password rule, stated before anyone types (the API enforces the same rule). */
export const PASSWORD_RULE =
  'Use at least 12 characters. Avoid common or easily guessed passwords: three or four unrelated words work well.';

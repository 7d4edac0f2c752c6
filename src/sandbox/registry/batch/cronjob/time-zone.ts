// Time zone names as Go's time.LoadLocation accepts them (the IANA database, case-sensitive),
// checked against the runtime's ICU data.
export function isValidTimeZone(name: string): boolean {
  if (name === '' || name === 'UTC') return true;
  // Every IANA name component starts with an upper-case letter, a digit or a sign; ICU would
  // also accept other spellings that Go rejects.
  if (!name.split('/').every((part) => /^[A-Z0-9+-]/.test(part))) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

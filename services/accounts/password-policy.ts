/**
 * Password rules (OWASP ASVS 5.0 6.2): at least 12 characters, up to 256 (so passphrases and password
 * managers work; 64+ characters are accepted unchanged), not a well-known password, not the email.
 * No composition rules (ASVS 6.2.5 advises against them).
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * The most common passwords of breach corpora that are 12+ characters long, plus their obvious stems.
 * A partial list (ASVS asks for the top 3,000; no maintained list ships in our dependencies): the
 * repetition and sequence checks below catch most of the rest of that class.
 */
const COMMON = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789123',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'qwertyuiopas',
  'qwertyuiop123',
  'qwerty123456',
  'qwertyqwerty',
  'asdfghjkl123',
  'zxcvbnm12345',
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'password1!',
  'p@ssw0rd1234',
  'iloveyou1234',
  'letmein12345',
  'welcome12345',
  'welcome123456',
  'administrator',
  'changeme1234',
  'football1234',
  'baseball1234',
  'superman1234',
  'trustno11234',
  'sunshine1234',
  'princess1234',
  'starwars1234',
  'whatever1234',
  'monkey123456',
  'dragon123456',
  'abc123456789',
  'abcdefghijkl',
  'abcdefg12345',
  'aaaaaaaaaaaa',
  'passw0rd1234',
  'myspace12345',
  'liverpool123',
  'chocolate123',
  'marathon1234',
  'running12345',
  'strava123456',
  'kneadwise123',
  'kneadwise1234',
  'correcthorsebatterystaple',
]);

const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

function isRepetitive(pw: string): boolean {
  return new Set(pw).size <= 3;
}

function isSequential(pw: string): boolean {
  const lower = pw.toLowerCase();
  return SEQUENCES.some((seq) => {
    const doubled = seq + seq;
    return doubled.includes(lower) || [...doubled].reverse().join('').includes(lower);
  });
}

/**
 * Returns the problem with a candidate password in plain words, or null when it is acceptable.
 * `email` is the account's address: a password containing its local part is refused.
 */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    return `Use at least ${PASSWORD_MIN_LENGTH} characters (a few words work well).`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || isRepetitive(password) || isSequential(password)) {
    return 'This password is too common or too easy to guess: choose another.';
  }
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local))
    return 'Do not use your email address in your password.';
  return null;
}

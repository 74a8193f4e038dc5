/**
 * better-auth's minimum (lib/auth/auth.ts minPasswordLength). Its own module without zod, so the password forms'
 * client bundles carry the number and not the schema library (30 kB gzip of first-load JS).
 */
export const MIN_PASSWORD_LENGTH = 12;

// Stable error codes. They cross message boundaries as data and are part of the agent protocol, so a
// code is never renamed or reused; new ones are only added.
export const ERROR_CODES = [
  'PROTOCOL_MALFORMED',
  'PROTOCOL_UNSUPPORTED_VERSION',
  'PROTOCOL_UNKNOWN_TYPE',
  'PROTOCOL_FORBIDDEN',
  'MESSAGE_MALFORMED',
  'MESSAGE_UNKNOWN',
  'SENDER_FORBIDDEN',
  'TAB_UNKNOWN',
  'POLICY_LOCKED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

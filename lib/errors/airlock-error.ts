import { isErrorCode, type ErrorCode } from './codes';

/** The shape an error takes when it crosses a context boundary. Never carries a secret. */
export interface ErrorData {
  code: ErrorCode;
  message: string;
}

export class AirlockError extends Error {
  override readonly name = 'AirlockError';

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  toData(): ErrorData {
    return { code: this.code, message: this.message };
  }

  static fromData(data: ErrorData): AirlockError {
    return new AirlockError(data.code, data.message);
  }
}

/** Turns anything thrown into transferable data; unknown failures keep no detail (it may hold a secret). */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof AirlockError) return error.toData();
  return { code: 'INTERNAL', message: 'Internal error' };
}

export function isErrorData(value: unknown): value is ErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    isErrorCode((value as { code?: unknown }).code) &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

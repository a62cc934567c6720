import { describe, expect, it } from 'vitest';
import { ERROR_CODES, EXIT, exitStatusOf, httpStatusOf, isErrorCode, type ErrorCode } from '../../errors/codes.js';

const codes = Object.keys(ERROR_CODES) as ErrorCode[];

describe('the catalogue of error codes', () => {
  it('exits 2 on every code about what a person gave, 3 on authfault itself breaking', () => {
    expect(codes.filter((c) => exitStatusOf(c) === EXIT.harness).sort()).toEqual(['AUTHFAULT_CONTROL_ERROR', 'AUTHFAULT_INTERNAL']);
    expect(codes.every((c) => exitStatusOf(c) === EXIT.badInput || exitStatusOf(c) === EXIT.harness)).toBe(true);
  });

  it('gives the control API its statuses: 403 forbidden, 404 for what does not exist, 413 and 415 for a body it cannot take, 503 when the provider’s own state refuses, 500 when it broke, else 400', () => {
    const byStatus = (status: number) => codes.filter((c) => ERROR_CODES[c].layer === 'provider' && httpStatusOf(c) === status).sort();
    expect(byStatus(403)).toEqual(['AUTHFAULT_ADMIN_FORBIDDEN', 'AUTHFAULT_CROSS_SITE', 'AUTHFAULT_HOST_NOT_ALLOWED']);
    expect(byStatus(404)).toEqual(['AUTHFAULT_FAULT_NOT_FOUND', 'AUTHFAULT_NOT_FOUND', 'AUTHFAULT_TENANT_NOT_FOUND', 'AUTHFAULT_USER_NOT_FOUND']);
    expect(byStatus(503)).toEqual(['AUTHFAULT_PROVIDER_CLOSED', 'AUTHFAULT_TENANT_LIMIT']);
    expect(byStatus(500)).toEqual(['AUTHFAULT_INTERNAL']);
    expect(byStatus(413)).toEqual(['AUTHFAULT_BODY_TOO_LARGE']);
    expect(byStatus(415)).toEqual(['AUTHFAULT_BODY_UNSUPPORTED']);
    expect(httpStatusOf('AUTHFAULT_FAULT_INVALID')).toBe(400);
  });

  it('knows its own codes only; an unknown one is authfault’s problem (exit 3)', () => {
    expect(isErrorCode('AUTHFAULT_FAULT_INVALID')).toBe(true);
    expect(isErrorCode('AUTHFAULT_SOMETHING_NEW')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
    expect(exitStatusOf('AUTHFAULT_SOMETHING_NEW')).toBe(EXIT.harness);
  });
});

export function newNonce(): string;
export function newRequestId(): string;
export function contentSecurityPolicy(options: { nonce: string; dev?: boolean; https?: boolean }): string;

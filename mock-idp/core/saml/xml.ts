/** Escapes text for an XML attribute value or element content. */
export function xmlEscape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** SAML's `xs:dateTime` in UTC without milliseconds, as Shibboleth and Entra write it. */
export function samlInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A fresh SAML ID (an `xs:ID` must not start with a digit). */
export function samlId(): string {
  return `_${crypto.randomUUID().replace(/-/g, '')}`;
}

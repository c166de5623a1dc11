import type { PageTheme } from '../core/views.js';

/** Entra's look: a plain Microsoft-blue header. */
export const entraTheme: PageTheme = { brand: 'Microsoft Entra ID (mock)', accent: '#0067b8' };

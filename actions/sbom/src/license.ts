// Classifies license text: a known SPDX id, a valid SPDX expression, or a free-text name.
import { fixupSpdxId } from '@cyclonedx/cyclonedx-library/SPDX';

export type License =
  { kind: 'id'; id: string } | { kind: 'expression'; expression: string } | { kind: 'name'; name: string };

const ALIASES: Record<string, string> = {
  'mit license': 'MIT',
  'the mit license': 'MIT',
  'apache 2.0': 'Apache-2.0',
  'apache-2': 'Apache-2.0',
  'apache 2': 'Apache-2.0',
  'apache license 2.0': 'Apache-2.0',
  'apache license, version 2.0': 'Apache-2.0',
  'apache software license 2.0': 'Apache-2.0',
  'bsd-3': 'BSD-3-Clause',
  'new bsd license': 'BSD-3-Clause',
  'bsd 3-clause': 'BSD-3-Clause',
  'isc license': 'ISC',
  'mpl-2': 'MPL-2.0',
  'mozilla public license 2.0 (mpl 2.0)': 'MPL-2.0',
};

function spdxId(token: string): string | undefined {
  const plus = token.endsWith('+') ? '+' : '';
  const bare = plus ? token.slice(0, -1) : token;
  if (/^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(bare)) return bare + plus;
  const id = fixupSpdxId(bare);
  return id ? id + plus : undefined;
}

/** Parses `a OR (b AND c WITH exception)`; returns the normalised text or undefined. */
function parseExpression(text: string): string | undefined {
  const tokens = text.match(/\(|\)|[^\s()]+/g) ?? [];
  let pos = 0;
  const out: string[] = [];
  const operand = (): boolean => {
    const token = tokens[pos++];
    if (token === '(') {
      out.push('(');
      if (!expression() || tokens[pos++] !== ')') return false;
      out.push(')');
      return true;
    }
    const id = token && spdxId(token);
    if (!id) return false;
    out.push(id);
    if (tokens[pos]?.toUpperCase() === 'WITH') {
      pos++;
      const exception = tokens[pos++];
      if (!exception || !/^[A-Za-z0-9.+-]+$/.test(exception)) return false;
      out.push('WITH', exception);
    }
    return true;
  };
  const expression = (): boolean => {
    if (!operand()) return false;
    while (['AND', 'OR'].includes(tokens[pos]?.toUpperCase())) {
      out.push(tokens[pos++].toUpperCase());
      if (!operand()) return false;
    }
    return true;
  };
  if (!expression() || pos !== tokens.length) return undefined;
  return out.join(' ').replace(/\( /g, '(').replace(/ \)/g, ')');
}

export function classifyLicense(text: string): License {
  const trimmed = text.trim().replace(/^\((.*)\)$/, '$1');
  const alias = ALIASES[trimmed.toLowerCase()];
  if (alias) return { kind: 'id', id: alias };
  const id = /^\S+$/.test(trimmed) ? spdxId(trimmed) : undefined;
  if (id && !id.endsWith('+') && !id.includes('LicenseRef-')) return { kind: 'id', id };
  const expression = parseExpression(trimmed);
  if (expression) return { kind: 'expression', expression };
  return { kind: 'name', name: text.trim() };
}

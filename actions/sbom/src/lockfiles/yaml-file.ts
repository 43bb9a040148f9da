import { parse as parseYaml, YAMLParseError } from 'yaml';
import { LockfileError } from '../model.js';

export function parseYamlFile(file: string, text: string): unknown {
  try {
    return parseYaml(text, { uniqueKeys: false });
  } catch (error) {
    const line = error instanceof YAMLParseError ? error.linePos?.[0]?.line : undefined;
    throw new LockfileError(file, line, `invalid YAML (${(error as Error).message.split('\n')[0]})`);
  }
}

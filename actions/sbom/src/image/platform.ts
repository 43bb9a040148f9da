// The `platform` input, apart from the image reader so reading inputs does not load the reader.
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export function parsePlatform(text: string): Platform | undefined {
  const m = /^([a-z0-9]+)\/([a-z0-9_]+)(?:\/([a-z0-9]+))?$/.exec(text.trim());
  return m ? { os: m[1], architecture: m[2], variant: m[3] } : undefined;
}

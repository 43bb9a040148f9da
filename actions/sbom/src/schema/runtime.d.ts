export declare const formats: Record<string, unknown>;
export declare function ucs2length(text: string): number;
export declare function equal(a: unknown, b: unknown): boolean;

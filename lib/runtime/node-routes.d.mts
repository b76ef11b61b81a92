export declare const SIGNATURE_LISTENER: "undersignedSignatureListener";
export declare const PERSONAL_LISTENER: "undersignedPersonalListener";
export declare function nodeRouteOf(method: string | undefined, url: string | undefined): { listener: string; param: string } | null;

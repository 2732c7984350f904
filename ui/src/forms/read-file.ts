/**
 * Reads a file the user picked as base64 (how .p12 files travel to `store_credential`).
 * The bytes stay in memory only until they are sent.
 */
export function readFileAsBase64(file: Blob): Promise<string> {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onerror = () => reject(reader.error ?? new Error("unreadable"));
        reader.onload = () => {
            const url = typeof reader.result === "string" ? reader.result : "";
            /* data:<type>;base64,<data> */
            const comma = url.indexOf(",");
            if (comma < 0) {
                reject(new Error("unreadable"));
                return;
            }
            resolve(url.slice(comma + 1));
        };
        reader.readAsDataURL(file);
    });
}

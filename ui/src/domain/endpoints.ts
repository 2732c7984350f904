/**
 * Comfort-only copies of the Rust rules for the endpoints of FK test and production
 * (src-tauri/core/src/endpoints.rs): the backend checks again and has the last word.
 * Each accepts an empty value; `required` decides whether a field may be empty.
 */

function parse(value: string): URL | null {
    try {
        return new URL(value.trim());
    } catch {
        return null;
    }
}

/** A whole https address without user name, password, query or fragment. */
export function isHttpsUrl(value: string): boolean {
    if (value.trim() === "") {
        return true;
    }
    const url = parse(value);
    return (
        url !== null &&
        url.protocol === "https:" &&
        url.hostname !== "" &&
        url.username === "" &&
        url.password === "" &&
        url.search === "" &&
        url.hash === "" &&
        !value.includes("?") &&
        !value.includes("#")
    );
}

/** Only scheme, host and port: nothing after the host name (a trailing slash is fine). */
export function isOriginOnly(value: string): boolean {
    if (value.trim() === "") {
        return true;
    }
    const url = parse(value);
    return url === null || url.pathname === "/";
}

/** An HTTP header name as Timbok accepts it: letters a–z, digits, hyphen, underscore. */
export function isHeaderName(value: string): boolean {
    const text = value.trim();
    return text === "" || /^[A-Za-z0-9_-]{1,64}$/.test(text);
}

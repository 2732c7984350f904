/**
 * The backend's QR code (an SVG document as text) as a `data:` URL for an `<img>`. An image
 * never runs scripts or reaches the page, unlike markup put into the DOM with v-html.
 */
export function svgDataUrl(svg: string): string {
    const bytes = new TextEncoder().encode(svg);
    let binary = "";
    for (const byte of bytes) {
        binary += String.fromCharCode(byte);
    }
    return `data:image/svg+xml;base64,${btoa(binary)}`;
}

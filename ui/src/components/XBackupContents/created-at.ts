/** "2026-12-07T09:30:05" → "2026-12-07 09:30" (Swedish time, as the backup wrote it). */
export function formatCreatedAt(createdAt: string): string {
    return createdAt.slice(0, 16).replace("T", " ");
}

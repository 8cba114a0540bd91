/** Who is calling, as far as the HTTP layer can tell: throttles count by address. */
export interface ClientInfo {
  ipAddress: string;
  userAgent?: string | null;
}

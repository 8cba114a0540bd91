import { ConfigError, loadConfig } from '@grants/config';
import { createApi } from './create-api';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApi({ config });
  await app.listen({ host: config.http.host, port: config.http.port });
}

void main();

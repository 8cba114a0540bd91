import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { CopyFields } from './copy-fields';
import { Giving360PackageMeta, PACKAGE_CLOSING, packageOpening } from './giving360';
import { csvHeader } from './grants-csv';

export interface RegisterFile {
  /** Moves with every write to the register (register_state), so it makes an honest ETag. */
  revision: string;
  body: Readable;
}

/**
 * The open-data files, streamed by COPY inside one read-only snapshot: memory stays flat however large the
 * register, the first bytes go out before the first row is read, and the whole file is one consistent
 * moment of the register. The rows were serialised when they were published, so each one's bytes go from
 * the database's socket to the client's without becoming a string (CopyFields).
 */
@Injectable()
export class RegisterFiles {
  constructor(private readonly dataSource: DataSource) {}

  giving360(meta: Giving360PackageMeta): Promise<RegisterFile> {
    return this.stream(
      `SELECT grant_json AS line FROM register_entries WHERE status = 'published' ORDER BY award_date DESC, id DESC`,
      packageOpening(meta),
      ',',
      PACKAGE_CLOSING,
    );
  }

  csv(): Promise<RegisterFile> {
    return this.stream(
      `SELECT csv_row AS line FROM register_entries WHERE status = 'published' ORDER BY award_date DESC, id DESC`,
      // A byte-order mark, so spreadsheet programs read the file as UTF-8 (£, é) rather than guessing.
      '\uFEFF' + csvHeader(),
      '',
      '',
    );
  }

  private async stream(
    sql: string,
    opening: string,
    separator: string,
    closing: string,
  ): Promise<RegisterFile> {
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    let released = false;
    const release = (error?: Error): void => {
      if (released) return;
      released = true;
      // A failed or abandoned stream leaves the transaction open; destroying the connection ends it.
      if (error) client.release(error);
      else
        client.query('COMMIT').then(
          () => client.release(),
          (e: Error) => client.release(e),
        );
    };
    let revision: string;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // Rows in index order, at once: left to itself the planner sorts the whole register first, and the
      // first byte of a million grants waits for it.
      await client.query('SET LOCAL enable_sort = off');
      const [state] = (await client.query(`SELECT revision::text AS revision FROM register_state`)).rows;
      revision = state?.revision ?? '0';
    } catch (error) {
      release(error as Error);
      throw error;
    }
    const rows = client.query(copyTo(`COPY (${sql}) TO STDOUT (FORMAT binary)`));
    const body = new CopyFields(separator, closing);
    body.push(opening);
    rows.on('error', (error: Error) => {
      release(error);
      body.destroy(error);
    });
    rows.on('end', () => release());
    body.on('close', () => {
      if (!released) {
        rows.destroy();
        release(new Error('the client went away before the file was sent'));
      }
    });
    rows.pipe(body);
    return { revision, body };
  }
}

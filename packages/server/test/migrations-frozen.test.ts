import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { MIGRATIONS, PG_MIGRATIONS } from '../src/db.ts';

/**
 * A released migration has already run on existing databases, and the runners know it only by its position
 * (SQLite's `PRAGMA user_version`, PostgreSQL's `schema_migrations`): changing its text would leave those databases
 * on a schema the code no longer describes, silently. So the SHA-256 of every released text, per engine and position,
 * is written down here, and a change to any of them (a type, a comment, a blank line) fails this test.
 * Releasing a new migration: append its hashes (the failure message prints them). Never edit a line above.
 */
const FROZEN = {
  sqlite: [
    '58edf5f6912c3b45c00468588d88be434fa96044aab9c7d8777bf2b01ae6e3cd', // 1
    'abfe8f3a076877c82a9dc15d0a3f2195550cc476a4d6f3879acf954d86211b4b', // 2
    '605d8ffa76623756d01c949284e42c35f30e8b8646ee8b1c2fdfde8500628e13', // 3
    '205c92f32f914b1c65713998f341b0fb11ba27eae5c33df9277858965de7757d', // 4
    'c8bdda4623c38e0dc51d3438a258e02b5b7668d709f60eaf078bd1a0bfe78956', // 5
    'c898a3b1ee4cd527776505a2363a182bd6a01d1ac5167e93fc418e610316bd3e', // 6
    '67322f9b221e069a2c74647c276c82da1a80362aad72b581f43bcbf3a1acc4ff', // 7
    '6d294ede8c41c57829ddb4d5f30e4a920936adf425c8fca991a878c30eaea097', // 8
    '74341afc6f02f84d52e77919942f5da2cc08c120091e0b30ffd8914bd449ec05', // 9
    'bfceb83d5a4ad7840387e1f59f40ec40d50a12d71810b16801776a5027799fe5', // 10
    '687d70c6c8a434f7abcf42ee91330fc36f63b86f15a0ff4bfd44a351f468b20d', // 11
    '45a86e1008c0209af8727f937f09c5ef4b2f435baf512f1e19f7deaa47facff4', // 12
    '55e55cc7326827a371b2dcf8a42e281e5e8cf70699abac23b65e1f32d9857f6c', // 13
    '4d37c23679c7bd01cd5859e1391a51ffccfe1dcf125dc73582f995aa68b8df38', // 14
    '6b6cd67b07f648522005c2a25b736dc2d05d3f9602231f6c25554a6c9a587309', // 15
    '96af716801845244f0f2406d7b65f6854b79e3884da52ec28de9061ae0692c5b', // 16
    '64a687aa82839d7fe725f4cfe788887f80d485eff44edd378c67932d8546b835', // 17
    'dd6bfe9d5b5301f74b39cb8dfe8492188861681d192fb1ad9efe128ef5580b77', // 18
    '646b3209b7c71bce248a3a05316d9c526ccf7992e2c11a1dcd3933bdb924347e', // 19
    '20487643b5156486441bbe09620ccb886fc7f55027b13f080f0da3b133d37b05', // 20
    'f047ca60457cfec3278227e008414ad9eba97ffb696689ca039ba76de0f0997c', // 21
    '27cad72bd2b8024072b249729d64873f97098516a1badb5fc3fc5d5d1e1c5933', // 22
  ],
  postgres: [
    '34ffe98db7536ff804e06e24227c1f44ff21276be95d34f999e8c09566c245da', // 1
    'df0b5790ba06c69463bf8a1884b294220c7b9c63700d93a937d1664c7c77fa55', // 2
    '133e2f9c5771d63178d425a42499b828df2c773c14216ad24786ec00b91ad54f', // 3
    'a48a7b09c6fc5236aefb681025c037eb3ebe1b56b4c37e0186e9418daf53f9af', // 4
    '82ee2f80e73643b3c7d54f6f06b94d6dafbe6df6d0e0cfd5e60f1ec76818760f', // 5
    '446d3b4e4f3e46ef513bc7d70ed80c1bf80373941867b98bbb06fc3f99ed606f', // 6
    'f9418577cfdae23f7d1865416a7f3b7596be10cc318b10381d6ff0c5f9f8d980', // 7
    'e009de37fbbcbe50d1aa0ddbc8633e3cb4d17cc79aff800d4addd5599a849c91', // 8
    '7dc47c949184711867fac75e00aea9c4a88a950fb98040e2a4296000a7ee6c6e', // 9
    '0a587c6bd97cdbe57a323e9f07741dd2aeaa2b563d549c0d8a1106950db44b53', // 10
    '6b6cd67b07f648522005c2a25b736dc2d05d3f9602231f6c25554a6c9a587309', // 11
    'dfed5962ab2a29cb9236823a5651ec8cff96d045f4b4dcf46f99ffeba2e46f28', // 12
    'a31224d7f156da6f5b00a1e5cc6722c0577575d549746fab5e4f432f8734c789', // 13
    'dd6bfe9d5b5301f74b39cb8dfe8492188861681d192fb1ad9efe128ef5580b77', // 14
    'b2bc8baab795e40d388371e045e61957536e9f8dc0cba7d89e2a805b619d7ed4', // 15
    'a71d8032657699fa00a658076deaf0bcc4ccaf791504c8a763475f7275678eb4', // 16
    'f047ca60457cfec3278227e008414ad9eba97ffb696689ca039ba76de0f0997c', // 17
    '370fcfd49fcb7b1bb37452be165c80a1fd0f7a055a65614400a72c95b0a8b19b', // 18
  ],
} as const;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

for (const [engine, migrations] of [
  ['sqlite', MIGRATIONS],
  ['postgres', PG_MIGRATIONS],
] as const) {
  describe(`${engine} migrations`, () => {
    const frozen: readonly string[] = FROZEN[engine];

    it('keeps every released migration (none removed or reordered away)', () => {
      assert.ok(
        migrations.length >= frozen.length,
        `${engine} has ${migrations.length} migrations, ${frozen.length} were released`,
      );
    });

    it('runs each released migration with exactly the text it was released with', () => {
      frozen.forEach((hash, i) => {
        assert.equal(sha256(migrations[i] ?? ''), hash, `${engine} migration ${i + 1} changed after release`);
      });
    });

    it('has a frozen hash for every migration', () => {
      const unrecorded = migrations
        .slice(frozen.length)
        .map((text, i) => `${frozen.length + i + 1}: '${sha256(text)}'`);
      assert.deepEqual(unrecorded, [], `record the new ${engine} migrations in FROZEN.${engine}`);
    });
  });
}

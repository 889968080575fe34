#!/usr/bin/env node
// Prints the current TOTP code of a second factor, for trying the API from a shell without an
// authenticator app: give it the otpauth:// URI (or the bare secret) that enrolment returned.
//   npm run --silent totp -- 'otpauth://totp/Steerco:admin%40steerco.local?secret=...'
import { generate } from 'otplib';

const input = process.argv[2];
if (!input) {
  process.stderr.write("usage: npm run --silent totp -- '<otpauth URI or secret>'\n");
  process.exit(64);
}
const secret = input.startsWith('otpauth://') ? new URL(input).searchParams.get('secret') : input;
if (!secret) {
  process.stderr.write('the URI has no secret parameter\n');
  process.exit(65);
}
process.stdout.write(`${await generate({ secret })}\n`);

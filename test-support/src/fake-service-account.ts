import { generateKeyPairSync, type KeyObject } from "node:crypto";

/** A Google service account made up for tests: the public half of its key, and its JSON key file. */
export interface FakeServiceAccount {
  clientEmail: string;
  projectId: string;
  publicKey: KeyObject;
  /** The key file's text, as `gcloud iam service-accounts keys create` writes it, with this token_uri. */
  keyFile(tokenUri: string): string;
}

/**
 * A service account with a fresh 2048-bit RSA key (nothing in it is a real credential). The key file
 * is made once the fake OAuth server, which needs the public key to start, knows its token URI.
 * @see https://cloud.google.com/iam/docs/keys-create-delete#creating
 *
 * @example
 * const sa = fakeServiceAccount("my-project");
 * const oauth = await startFakeGoogleOAuth({ publicKey: sa.publicKey, clientEmail: sa.clientEmail });
 * const json = sa.keyFile(oauth.tokenUri);
 */
export function fakeServiceAccount(projectId = "fake-project"): FakeServiceAccount {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const clientEmail = `gatehouse-test@${projectId}.iam.gserviceaccount.com`;
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return {
    clientEmail,
    projectId,
    publicKey,
    keyFile: (tokenUri) =>
      JSON.stringify({
        type: "service_account",
        project_id: projectId,
        private_key_id: "0123456789abcdef0123456789abcdef01234567",
        private_key: pem,
        client_email: clientEmail,
        client_id: "100000000000000000001",
        auth_uri: "https://accounts.google.com/o/oauth2/auth",
        token_uri: tokenUri,
      }),
  };
}

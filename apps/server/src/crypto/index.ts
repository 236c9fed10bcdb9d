export { keyIdOf } from "./key-id-of.js";
export { loadOrCreateKeyFile } from "./load-or-create-key-file.js";
export { parseKeyMaterial } from "./parse-key-material.js";
export { SecretBox } from "./secret-box.js";

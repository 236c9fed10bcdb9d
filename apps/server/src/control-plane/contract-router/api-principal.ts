/**
 * Who calls a control-plane operation (a signed-in user or a gateway API key) and its stable id. The
 * type lives in the domain layer, which every layer may import; the router re-exports it so its API is
 * complete from this folder.
 */
export { type ApiPrincipal, principalId } from "../../domain/api-principal.js";

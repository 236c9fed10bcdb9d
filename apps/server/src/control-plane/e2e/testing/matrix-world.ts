import type { BuiltInTenantRole, WorkspaceRole } from "@gatehouse/contracts";
import type { SmtpSink } from "@gatehouse/test-support";
import { createAccessTokens } from "../../../identity/session/access-tokens.js";
import type { TestGateway } from "../../../testing/start-test-gateway.js";
import { apiClient, tokenInEmail } from "../control-plane-api.js";
import { addSharedObjects, FRESH } from "./matrix-fixtures.js";
import type { ObjectRef, ObjectSetName, PrincipalModel, RoleBook, TenantTag } from "./matrix-model.js";

export const MATRIX_PASSWORD = "matrix password of twelve";

type Call = ReturnType<typeof apiClient>;

/** A principal with what it presents: a bearer token (JWT or API key), or nothing. */
export interface MatrixPrincipal extends PrincipalModel {
  token: string | undefined;
  /** A user's email, to sign in again after a session-ending operation. */
  email?: string;
}

/** One tenant built through the API: its owner's token, its workspace and the objects its paths name. */
export interface MatrixTenant {
  tag: TenantTag;
  id: string;
  /** Its owner; the token is read at each use, as the session-ending phases sign users in again. */
  owner: MatrixPrincipal;
  /** Who creates the keys cells change (the owner; the member in the Aown set). */
  keyMaker: MatrixPrincipal;
  /** Set: the keys cells name are those of service accounts with this role (the Asa set). */
  serviceAccountRole?: string;
  workspaceId: string;
  /** A member with no other part to play: the target of workspace-member operations. */
  fodderUserId: string;
  /** Shared objects (never changed by a cell), by path parameter name. */
  shared: Map<string, ObjectRef>;
}

/**
 * Two tenants, eleven principals and shared objects, made through the API itself (each tenant's shared
 * provider, model and deployment through registerProvider, as the operator registers them). Counters make
 * every name unique.
 */
export class MatrixWorld implements RoleBook {
  readonly call: Call;
  readonly tenants = {} as Record<ObjectSetName, MatrixTenant>;
  readonly principals: MatrixPrincipal[] = [];
  private readonly roles = new Map<string, Map<string, WorkspaceRole>>();
  private serial = 0;
  /** The OIDC provider tenants' single sign-on points at (set up by configureSso). */
  ssoIssuer = "";

  constructor(
    readonly gw: TestGateway,
    readonly smtp: SmtpSink,
  ) {
    this.call = apiClient(gw.url);
  }

  workspaceRole(principal: string, workspaceId: string): WorkspaceRole | undefined {
    return this.roles.get(workspaceId)?.get(principal);
  }

  /** Every workspace where some principal holds a workspace role. */
  roleWorkspaces(): string[] {
    return [...this.roles.keys()];
  }

  unique(prefix: string): string {
    this.serial += 1;
    return `${prefix}${this.serial}`;
  }

  /** The API answer, or a thrown error naming the step when it is not the status expected. */
  // biome-ignore lint/suspicious/noExplicitAny: fixture steps read a few fields of each answer
  async must(status: number, method: string, path: string, token?: string, body?: unknown): Promise<any> {
    const res = await this.call(method, path, {
      ...(token === undefined ? {} : { token }),
      ...(body === undefined ? {} : { body }),
    });
    if (res.status !== status) {
      throw new Error(`fixture step ${method} ${path} answered ${res.status}: ${res.text.slice(0, 300)}`);
    }
    return res.json;
  }

  async signUp(name: string): Promise<{ token: string; userId: string; email: string }> {
    const email = `${this.unique(name)}@matrix.test`;
    const s = await this.must(201, "POST", "/api/auth/signup", undefined, {
      email,
      password: MATRIX_PASSWORD,
      name,
    });
    return { token: s.accessToken, userId: s.user.id, email };
  }

  async logIn(email: string): Promise<{ accessToken: string; refreshToken: string }> {
    return this.must(200, "POST", "/api/auth/login", undefined, { email, password: MATRIX_PASSWORD });
  }

  /** Invites an address into a tenant and accepts by the emailed link (an existing account or a new one). */
  async invite(
    t: MatrixTenant,
    email: string,
    role: string,
    workspace?: { id: string; role: WorkspaceRole },
  ): Promise<{ token: string; userId: string }> {
    const body = {
      email,
      role,
      ...(workspace === undefined ? {} : { workspaceId: workspace.id, workspaceRole: workspace.role }),
    };
    await this.must(201, "POST", `/api/tenants/${t.id}/invitations`, t.owner.token!, body);
    const mail = await this.smtp.waitForMessage((m) => m.to.includes(email) && /#token=ghi/.test(m.text));
    const session = await this.must(200, "POST", "/api/invitations/accept", undefined, {
      token: tokenInEmail(mail.text),
      password: MATRIX_PASSWORD,
      name: "Invitee",
    });
    return { token: session.accessToken, userId: session.user.id };
  }

  /** Records a workspace role both in the API and in the role book the expectations read. */
  async putWorkspaceRole(t: MatrixTenant, workspaceId: string, who: MatrixPrincipal, role: WorkspaceRole) {
    const path = `/api/tenants/${t.id}/workspaces/${workspaceId}/members/${who.userId}`;
    await this.must(200, "PUT", path, t.owner.token!, { role });
    const book = this.roles.get(workspaceId) ?? new Map<string, WorkspaceRole>();
    book.set(who.name, role);
    this.roles.set(workspaceId, book);
  }

  /** The workspace roles of `from`, given in `to` too (a fresh workspace behaves like the shared one). */
  async copyWorkspaceRoles(t: MatrixTenant, from: string, to: string): Promise<void> {
    for (const [name, role] of this.roles.get(from) ?? []) {
      const who = this.principals.find((p) => p.name === name)!;
      await this.putWorkspaceRole(t, to, who, role);
    }
  }

  async createKey(t: MatrixTenant, workspaceId: string, maker: MatrixPrincipal = t.owner) {
    const path = `/api/tenants/${t.id}/workspaces/${workspaceId}/keys`;
    return this.must(201, "POST", path, maker.token, { name: this.unique("key") });
  }

  /** Builds both tenants, every principal and the shared objects. */
  static async build(gw: TestGateway, smtp: SmtpSink): Promise<MatrixWorld> {
    const w = new MatrixWorld(gw, smtp);
    const a = await w.buildTenant("A");
    const b = await w.buildTenant("B");
    await w.addTenantAPrincipals(a);
    w.addPrincipal(`B.key`, "key", "B", null, (await w.createKey(b, b.workspaceId)).secret);
    await w.addOutsiders(a);
    for (const t of [a, b]) await addSharedObjects(w, t);
    await w.addSecondWorkspace(a);
    return w;
  }

  addPrincipal(
    name: string,
    kind: PrincipalModel["kind"],
    tenant: TenantTag | null,
    role: BuiltInTenantRole | null,
    token: string | undefined,
    user?: { userId: string; email: string },
  ): MatrixPrincipal {
    const p: MatrixPrincipal = { name, kind, tenant, role, token, userId: user?.userId ?? null };
    if (user !== undefined) p.email = user.email;
    this.principals.push(p);
    return p;
  }

  private async buildTenant(tag: TenantTag): Promise<MatrixTenant> {
    const owner = await this.signUp(`owner${tag}`);
    const me = await this.must(200, "GET", "/api/auth/me", owner.token);
    const id: string = me.memberships[0].tenantId;
    const ws = await this.must(201, "POST", `/api/tenants/${id}/workspaces`, owner.token, {
      name: `Matrix ${tag}`,
    });
    const ownerPrincipal = this.addPrincipal(`${tag}.owner`, "user", tag, "owner", owner.token, owner);
    const t: MatrixTenant = {
      tag,
      id,
      owner: ownerPrincipal,
      keyMaker: ownerPrincipal,
      workspaceId: ws.id,
      fodderUserId: "",
      shared: new Map(),
    };
    this.tenants[tag] = t;
    const fodder = await this.invite(t, `${this.unique("fodder")}@matrix.test`, "viewer");
    t.fodderUserId = fodder.userId;
    await this.must(
      200,
      "PUT",
      `/api/tenants/${id}/workspaces/${ws.id}/members/${fodder.userId}`,
      t.owner.token!,
      {
        role: "viewer",
      },
    );
    return t;
  }

  /**
   * A's users, one per built-in role. The admin and the member signed up first (their home is a tenant
   * of their own), as people invited into a second organisation are; the member works in A's workspace.
   */
  private async addTenantAPrincipals(a: MatrixTenant): Promise<void> {
    for (const role of ["admin", "member", "viewer", "billing"] as const) {
      const existing = role === "admin" || role === "member" ? await this.signUp(role) : undefined;
      const email = existing?.email ?? `${this.unique(role)}@matrix.test`;
      const joined = await this.invite(a, email, role);
      const p = this.addPrincipal(`A.${role}`, "user", "A", role, joined.token, {
        userId: joined.userId,
        email,
      });
      if (role === "member") await this.putWorkspaceRole(a, a.workspaceId, p, "member");
    }
    this.addPrincipal("A.key", "key", "A", null, (await this.createKey(a, a.workspaceId)).secret);
    const sa = await this.must(201, "POST", `/api/tenants/${a.id}/service-accounts`, a.owner.token!, {
      name: "Matrix robot",
      role: "admin",
      workspaceId: a.workspaceId,
    });
    this.addPrincipal("A.serviceAccount", "key", "A", "admin", sa.issued.secret);
  }

  /** Anonymous, and a token signed with the server's secret for A's owner that expired a minute ago. */
  private async addOutsiders(a: MatrixTenant): Promise<void> {
    this.addPrincipal("anonymous", "anonymous", null, null, undefined);
    const past = createAccessTokens({
      secret: this.gw.secretBox.derive("access-token"),
      issuer: "gatehouse",
      audience: "gatehouse-api",
      ttlSeconds: 60,
      now: () => Date.now() - 120_000,
    });
    const { token } = await past.issue({ userId: a.owner.userId!, sessionId: "ses_matrixexpired" });
    this.addPrincipal("expired", "expired", null, null, token);
  }

  /**
   * Objects of A in a second workspace, where A's member is a workspace admin and A's billing user a
   * workspace viewer (another team's objects
   * in the same tenant, reached through a workspace role), and A's objects with keys the member owns.
   */
  private async addSecondWorkspace(a: MatrixTenant): Promise<void> {
    const token = a.owner.token!;
    const ws = await this.must(201, "POST", `/api/tenants/${a.id}/workspaces`, token, { name: "Matrix A2" });
    const member = this.principals.find((p) => p.name === "A.member")!;
    await this.putWorkspaceRole(a, ws.id, member, "admin");
    // Billing people may help one team too: a workspace role must not widen their tenant-wide reads.
    await this.putWorkspaceRole(a, ws.id, this.principals.find((p) => p.name === "A.billing")!, "viewer");
    const fodderPath = `/api/tenants/${a.id}/workspaces/${ws.id}/members/${a.fodderUserId}`;
    await this.must(200, "PUT", fodderPath, token, { role: "viewer" });
    this.tenants.A2 = await this.inWorkspace(a, ws.id);
    // A third, where nobody has a workspace role: the member cannot read its keys (they look missing).
    const ws3 = await this.must(201, "POST", `/api/tenants/${a.id}/workspaces`, token, { name: "Matrix A3" });
    await this.must(
      200,
      "PUT",
      `/api/tenants/${a.id}/workspaces/${ws3.id}/members/${a.fodderUserId}`,
      token,
      {
        role: "viewer",
      },
    );
    this.tenants.A3 = await this.inWorkspace(a, ws3.id);
    // A's workspace again, with keys of the member's own: the own-key rule of keys.update/rotate/revoke.
    const own: MatrixTenant = { ...a, keyMaker: member, shared: new Map(a.shared) };
    const ownKey = await this.createKey(own, a.workspaceId, member);
    own.shared.set("keyId", {
      id: ownKey.key.id,
      tenant: "A",
      workspaceId: a.workspaceId,
      ownerUserId: member.userId,
    });
    this.tenants.Aown = own;
    // The second workspace again, with keys of owner-role service accounts: rotating one mints their role.
    const sa: MatrixTenant = {
      ...this.tenants.A2,
      serviceAccountRole: "owner",
      shared: new Map(this.tenants.A2.shared),
    };
    sa.shared.set("keyId", await FRESH.keyId!(this, sa, { path: "", resolved: {} }));
    this.tenants.Asa = sa;
  }

  /** A's object set with another workspace and a key of the owner's in it. */
  private async inWorkspace(a: MatrixTenant, workspaceId: string): Promise<MatrixTenant> {
    const set: MatrixTenant = { ...a, workspaceId, shared: new Map(a.shared) };
    set.shared.set("workspaceId", { id: workspaceId, tenant: "A" });
    const key = await this.createKey(set, workspaceId);
    set.shared.set("keyId", { id: key.key.id, tenant: "A", workspaceId, ownerUserId: a.owner.userId });
    return set;
  }
}

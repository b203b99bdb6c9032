import Provider from "oidc-provider";
import { OIDC_DEMO_GUARDIAN } from "@/lib/db/demo-accounts";
import { baseURL, e2e, OIDC_CLIENT, oidcIssuer } from "./ports";

/*
 * A real OpenID Connect provider (the `oidc-provider` package) on loopback, standing in for
 * EduConnect. Its development login form accepts any password; the login names the identity:
 * "parent-oidc" is the demo guardian of OIDC_DEMO_GUARDIAN (claims carry their children, as
 * EduConnect does, R-AUTH-4), "inconnu" is a person linked to no student.
 */
type Claims = Record<string, unknown>;
const identities: Record<string, Claims> = {
  "parent-oidc": {
    edu_profile: "guardian",
    given_name: OIDC_DEMO_GUARDIAN.firstName,
    family_name: OIDC_DEMO_GUARDIAN.lastName,
    email: OIDC_DEMO_GUARDIAN.email,
    gender: OIDC_DEMO_GUARDIAN.civility === "Mme" ? "female" : "male",
    children: OIDC_DEMO_GUARDIAN.children.map((c) => ({ ine: c.ine, uai: c.uai, given_name: c.firstName, family_name: c.lastName })),
  },
  inconnu: {
    edu_profile: "guardian",
    given_name: "Personne",
    family_name: "Inconnue",
    email: "personne.inconnue@example.fr",
    children: [{ ine: "00000000000", uai: "0000000A", given_name: "Enfant", family_name: "Inconnu" }],
  },
};

const provider = new Provider(oidcIssuer, {
  clients: [
    {
      client_id: OIDC_CLIENT.id,
      client_secret: OIDC_CLIENT.secret,
      redirect_uris: [`${baseURL}/api/auth/callback/educonnect`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], profile: ["given_name", "family_name", "gender", "edu_profile", "children"], email: ["email"] },
  conformIdTokenClaims: false,
  cookies: { keys: ["e2e-oidc-cookie-key-0123456789"] },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    const claims = identities[id] ?? identities.inconnu!;
    return { accountId: id, claims: async () => ({ sub: id === "parent-oidc" ? OIDC_DEMO_GUARDIAN.subject : id, ...claims }) };
  },
});
provider.proxy = false;
const server = provider.listen(e2e.oidcPort, "127.0.0.1", () => console.log(`[oidc] issuer ${oidcIssuer}`));
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

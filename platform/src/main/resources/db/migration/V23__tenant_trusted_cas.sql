-- Anju schema, version 23: the tenants' trusted CAs (Eclipse Hono's tenant trusted-ca).
--
-- A device that authenticates with a client certificate belongs to the tenant whose trusted CA
-- issued it: the issuer DN of the certificate is looked up here, so a CA belongs to one tenant
-- only. subject_dn is the CA's subject in canonical form (X500Principal.CANONICAL); certificate is
-- its DER encoding, whose key verifies the devices' certificates.
CREATE TABLE tenant_trusted_cas (
    subject_dn   text PRIMARY KEY,
    tenant_id    text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    certificate  bytea NOT NULL,
    not_after    timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tenant_trusted_cas_tenant_idx ON tenant_trusted_cas (tenant_id);

-- Anju schema, version 43: the maintenance contractor role (package auth; docs/security.md). A
-- maintainer company's staff see only the maintenance work assigned to their company.
ALTER TABLE user_roles DROP CONSTRAINT user_roles_role_check;
ALTER TABLE user_roles ADD CONSTRAINT user_roles_role_check CHECK (role IN ('platform_admin', 'property_admin',
    'operator', 'technician', 'maintenance_contractor', 'fire_brigade', 'resident'));

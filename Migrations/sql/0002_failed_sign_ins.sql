DO $$
BEGIN      IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'photonsupport') THEN
        BEGIN
          EXECUTE 'CREATE SCHEMA IF NOT EXISTS photonsupport';
        EXCEPTION
          WHEN duplicate_schema THEN NULL;
          WHEN unique_violation THEN NULL;
        END;
      END IF;

END
$$;


CREATE TABLE IF NOT EXISTS photonsupport.failed_sign_ins (
    address           inet                        NOT NULL,
    window_started    timestamp with time zone    NOT NULL,
    failures          integer                     NOT NULL,
CONSTRAINT pkey_failed_sign_ins_address PRIMARY KEY (address)
);

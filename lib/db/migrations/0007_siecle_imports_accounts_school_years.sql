CREATE TABLE "guardian_siecle_ids" (
	"school_id" uuid NOT NULL,
	"siecle_id" text NOT NULL,
	"guardian_id" uuid NOT NULL,
	CONSTRAINT "guardian_siecle_ids_school_id_siecle_id_pk" PRIMARY KEY("school_id","siecle_id")
);
--> statement-breakpoint
CREATE TABLE "password_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "password_token_purpose" CHECK ("password_tokens"."purpose" in ('welcome', 'reset'))
);
--> statement-breakpoint
CREATE TABLE "siecle_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"school_year" text NOT NULL,
	"state" text DEFAULT 'previewed' NOT NULL,
	"files" jsonb NOT NULL,
	"payload" jsonb,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"basis_hash" text NOT NULL,
	"account_id" uuid,
	"actor_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp with time zone,
	CONSTRAINT "siecle_import_state" CHECK ("siecle_imports"."state" in ('previewed', 'applied', 'abandoned'))
);
--> statement-breakpoint
ALTER TABLE "students" DROP CONSTRAINT "students_ine_unique";--> statement-breakpoint
DROP INDEX "divisions_school_code";--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "school_year" text DEFAULT (extract(year from (now() at time zone 'Europe/Paris') - interval '8 months')::int || '-' || extract(year from (now() at time zone 'Europe/Paris') - interval '8 months')::int + 1) NOT NULL;--> statement-breakpoint
-- R-DATA-3: existing divisions and students belong to their school's current year.
ALTER TABLE "divisions" ADD COLUMN "school_year" text;--> statement-breakpoint
ALTER TABLE "students" ADD COLUMN "school_year" text;--> statement-breakpoint
UPDATE "divisions" SET "school_year" = "schools"."school_year" FROM "schools" WHERE "schools"."id" = "divisions"."school_id";--> statement-breakpoint
UPDATE "students" SET "school_year" = "divisions"."school_year" FROM "divisions" WHERE "divisions"."id" = "students"."division_id";--> statement-breakpoint
ALTER TABLE "divisions" ALTER COLUMN "school_year" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "students" ALTER COLUMN "school_year" SET NOT NULL;--> statement-breakpoint
-- A division created without a year is in its school's current year; a student's year is always
-- their division's (a move to another year's division is a new enrolment, never an update).
CREATE FUNCTION "division_school_year"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.school_year IS NULL THEN
    SELECT school_year INTO NEW.school_year FROM schools WHERE id = NEW.school_id;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "divisions_school_year" BEFORE INSERT ON "divisions" FOR EACH ROW EXECUTE FUNCTION "division_school_year"();--> statement-breakpoint
CREATE FUNCTION "student_school_year"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE division_year text;
BEGIN
  SELECT school_year INTO division_year FROM divisions WHERE id = NEW.division_id;
  IF TG_OP = 'UPDATE' AND division_year IS DISTINCT FROM OLD.school_year THEN
    RAISE EXCEPTION 'a student cannot move to a division of another school year' USING ERRCODE = 'check_violation';
  END IF;
  NEW.school_year := division_year;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "students_school_year" BEFORE INSERT OR UPDATE OF "division_id", "school_year" ON "students" FOR EACH ROW EXECUTE FUNCTION "student_school_year"();--> statement-breakpoint
ALTER TABLE "students" ADD COLUMN "siecle_id" text;--> statement-breakpoint
ALTER TABLE "students" ADD COLUMN "mef_code" text;--> statement-breakpoint
ALTER TABLE "students" ADD COLUMN "entered_on" date;--> statement-breakpoint
ALTER TABLE "students" ADD COLUMN "left_on" date;--> statement-breakpoint
ALTER TABLE "guardian_siecle_ids" ADD CONSTRAINT "guardian_siecle_ids_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardian_siecle_ids" ADD CONSTRAINT "guardian_siecle_ids_guardian_id_guardians_id_fk" FOREIGN KEY ("guardian_id") REFERENCES "public"."guardians"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_tokens" ADD CONSTRAINT "password_tokens_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siecle_imports" ADD CONSTRAINT "siecle_imports_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "siecle_imports" ADD CONSTRAINT "siecle_imports_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "guardian_siecle_ids_guardian" ON "guardian_siecle_ids" USING btree ("guardian_id");--> statement-breakpoint
CREATE INDEX "password_tokens_account" ON "password_tokens" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "siecle_imports_school" ON "siecle_imports" USING btree ("school_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "divisions_school_year_code" ON "divisions" USING btree ("school_id","school_year","code");--> statement-breakpoint
CREATE UNIQUE INDEX "students_school_year_ine" ON "students" USING btree ("school_id","school_year","ine");--> statement-breakpoint
CREATE UNIQUE INDEX "students_school_year_siecle_id" ON "students" USING btree ("school_id","school_year","siecle_id");--> statement-breakpoint
CREATE INDEX "students_ine" ON "students" USING btree ("ine");
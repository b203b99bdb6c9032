-- R-INT-2, R-2GT-2, R-2GT-3: a validated request holds 1..3 ranked voies (provisional phase, and
-- the final phase of 3e) or 1..11 (final phase of 2GT), ranked 1..n without gaps. Checked at
-- commit, so a validation may delete and re-insert its items inside one transaction.
CREATE OR REPLACE FUNCTION check_request_items(p_request uuid, p_items regclass, p_requests regclass)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_phase text;
  v_level text;
  v_count int;
  v_max_rank int;
  v_max int;
BEGIN
  EXECUTE format('SELECT r.phase::text, d.level::text FROM %s r JOIN students s ON s.id = r.student_id JOIN divisions d ON d.id = s.division_id WHERE r.id = $1', p_requests)
    INTO v_phase, v_level USING p_request;
  IF v_phase IS NULL THEN
    RETURN; -- the request itself was deleted
  END IF;
  EXECUTE format('SELECT count(*), coalesce(max(rank), 0) FROM %s WHERE request_id = $1', p_items)
    INTO v_count, v_max_rank USING p_request;
  v_max := CASE WHEN v_phase = 'final' AND v_level = '2GT' THEN 11 ELSE 3 END;
  IF v_count < 1 OR v_count > v_max OR v_max_rank <> v_count THEN
    RAISE EXCEPTION 'request % must hold 1 to % items ranked without gaps (has %)', p_request, v_max, v_count
      USING ERRCODE = 'check_violation', CONSTRAINT = 'request_item_count';
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION family_request_items_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'family_requests' THEN
    PERFORM check_request_items(NEW.id, 'family_request_items', 'family_requests');
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM check_request_items(OLD.request_id, 'family_request_items', 'family_requests');
  ELSE
    PERFORM check_request_items(NEW.request_id, 'family_request_items', 'family_requests');
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION school_request_items_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'school_requests' THEN
    PERFORM check_request_items(NEW.id, 'school_request_items', 'school_requests');
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM check_request_items(OLD.request_id, 'school_request_items', 'school_requests');
  ELSE
    PERFORM check_request_items(NEW.request_id, 'school_request_items', 'school_requests');
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER family_requests_items_count AFTER INSERT ON family_requests
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION family_request_items_check();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER family_request_items_count AFTER INSERT OR UPDATE OR DELETE ON family_request_items
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION family_request_items_check();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER school_requests_items_count AFTER INSERT ON school_requests
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION school_request_items_check();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER school_request_items_count AFTER INSERT OR UPDATE OR DELETE ON school_request_items
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION school_request_items_check();

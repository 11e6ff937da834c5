-- The years of the national holiday schedule whose arrival the engine has
-- answered: every open step whose due date was counted on that year's
-- provisional calendar has been counted again and re-dated (Art. 15: never
-- earlier than its party was told; docs/calendars.md, "Years not loaded").
-- A reload writes the years it brought once its re-dating is done; a start
-- re-dates for the years its calendar files hold that are not here (a
-- schedule added while the server was down, or a re-dating a stop cut
-- short), then writes them. The first start with this table writes the
-- years it finds without re-dating: the steps open then were counted on
-- them.
CREATE TABLE schedule_years (
  year       INTEGER PRIMARY KEY,
  settled_at BIGINT NOT NULL
);

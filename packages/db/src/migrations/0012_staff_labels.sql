-- Staff logins never published: `verified_by` once took an account's e-mail when it had no
-- display name, and showed it on public pages and in exports. Every account gets a display name
-- (the organisation it speaks for: « Équipe PARÉ », « Relais territorial Moselle »), and stored
-- e-mails are replaced by it in actors, revision snapshots and diffs, and submission decisions.

CREATE TEMP TABLE pare_departement_names (code TEXT PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO pare_departement_names (code, name) VALUES
  ('01', 'Ain'),
  ('02', 'Aisne'),
  ('03', 'Allier'),
  ('04', 'Alpes-de-Haute-Provence'),
  ('05', 'Hautes-Alpes'),
  ('06', 'Alpes-Maritimes'),
  ('07', 'Ardèche'),
  ('08', 'Ardennes'),
  ('09', 'Ariège'),
  ('10', 'Aube'),
  ('11', 'Aude'),
  ('12', 'Aveyron'),
  ('13', 'Bouches-du-Rhône'),
  ('14', 'Calvados'),
  ('15', 'Cantal'),
  ('16', 'Charente'),
  ('17', 'Charente-Maritime'),
  ('18', 'Cher'),
  ('19', 'Corrèze'),
  ('21', 'Côte-d''Or'),
  ('22', 'Côtes-d''Armor'),
  ('23', 'Creuse'),
  ('24', 'Dordogne'),
  ('25', 'Doubs'),
  ('26', 'Drôme'),
  ('27', 'Eure'),
  ('28', 'Eure-et-Loir'),
  ('29', 'Finistère'),
  ('2A', 'Corse-du-Sud'),
  ('2B', 'Haute-Corse'),
  ('30', 'Gard'),
  ('31', 'Haute-Garonne'),
  ('32', 'Gers'),
  ('33', 'Gironde'),
  ('34', 'Hérault'),
  ('35', 'Ille-et-Vilaine'),
  ('36', 'Indre'),
  ('37', 'Indre-et-Loire'),
  ('38', 'Isère'),
  ('39', 'Jura'),
  ('40', 'Landes'),
  ('41', 'Loir-et-Cher'),
  ('42', 'Loire'),
  ('43', 'Haute-Loire'),
  ('44', 'Loire-Atlantique'),
  ('45', 'Loiret'),
  ('46', 'Lot'),
  ('47', 'Lot-et-Garonne'),
  ('48', 'Lozère'),
  ('49', 'Maine-et-Loire'),
  ('50', 'Manche'),
  ('51', 'Marne'),
  ('52', 'Haute-Marne'),
  ('53', 'Mayenne'),
  ('54', 'Meurthe-et-Moselle'),
  ('55', 'Meuse'),
  ('56', 'Morbihan'),
  ('57', 'Moselle'),
  ('58', 'Nièvre'),
  ('59', 'Nord'),
  ('60', 'Oise'),
  ('61', 'Orne'),
  ('62', 'Pas-de-Calais'),
  ('63', 'Puy-de-Dôme'),
  ('64', 'Pyrénées-Atlantiques'),
  ('65', 'Hautes-Pyrénées'),
  ('66', 'Pyrénées-Orientales'),
  ('67', 'Bas-Rhin'),
  ('68', 'Haut-Rhin'),
  ('69', 'Rhône'),
  ('70', 'Haute-Saône'),
  ('71', 'Saône-et-Loire'),
  ('72', 'Sarthe'),
  ('73', 'Savoie'),
  ('74', 'Haute-Savoie'),
  ('75', 'Paris'),
  ('76', 'Seine-Maritime'),
  ('77', 'Seine-et-Marne'),
  ('78', 'Yvelines'),
  ('79', 'Deux-Sèvres'),
  ('80', 'Somme'),
  ('81', 'Tarn'),
  ('82', 'Tarn-et-Garonne'),
  ('83', 'Var'),
  ('84', 'Vaucluse'),
  ('85', 'Vendée'),
  ('86', 'Vienne'),
  ('87', 'Haute-Vienne'),
  ('88', 'Vosges'),
  ('89', 'Yonne'),
  ('90', 'Territoire de Belfort'),
  ('91', 'Essonne'),
  ('92', 'Hauts-de-Seine'),
  ('93', 'Seine-Saint-Denis'),
  ('94', 'Val-de-Marne'),
  ('95', 'Val-d''Oise'),
  ('971', 'Guadeloupe'),
  ('972', 'Martinique'),
  ('973', 'Guyane'),
  ('974', 'La Réunion'),
  ('976', 'Mayotte');

CREATE TEMP TABLE pare_staff_labels AS
SELECT
  u.id,
  lower(u.email) AS email,
  CASE
    WHEN u.role = 'relais' THEN trim('Relais territorial ' || coalesce((
      SELECT group_concat(coalesce(n.name, j.value), ', ')
      FROM json_each(u.departements) j LEFT JOIN pare_departement_names n ON n.code = j.value
    ), ''))
    ELSE 'Équipe PARÉ'
  END AS organisation
FROM users u;

UPDATE users SET display_name = (SELECT l.organisation FROM pare_staff_labels l WHERE l.id = users.id)
WHERE display_name IS NULL OR trim(display_name) = '' OR display_name LIKE '%@%';

-- What an e-mail found in a label becomes: its account's organisation, else the team's name.
UPDATE actors SET verified_by = coalesce(
  (SELECT l.organisation FROM pare_staff_labels l WHERE l.email = lower(trim(actors.verified_by))), 'Équipe PARÉ')
WHERE verified_by LIKE '%@%';

UPDATE revisions SET snapshot = json_set(snapshot, '$.provenance.verified_by', coalesce(
  (SELECT l.organisation FROM pare_staff_labels l WHERE l.email = lower(trim(json_extract(revisions.snapshot, '$.provenance.verified_by')))),
  'Équipe PARÉ'))
WHERE json_extract(snapshot, '$.provenance.verified_by') LIKE '%@%';

UPDATE revisions SET changes = (
  SELECT json_group_array(CASE
    WHEN json_extract(c.value, '$.path') = 'provenance.verified_by' THEN json_set(c.value,
      '$.before', CASE WHEN json_extract(c.value, '$.before') LIKE '%@%' THEN coalesce(
        (SELECT l.organisation FROM pare_staff_labels l WHERE l.email = lower(trim(json_extract(c.value, '$.before')))), 'Équipe PARÉ')
        ELSE json_extract(c.value, '$.before') END,
      '$.after', CASE WHEN json_extract(c.value, '$.after') LIKE '%@%' THEN coalesce(
        (SELECT l.organisation FROM pare_staff_labels l WHERE l.email = lower(trim(json_extract(c.value, '$.after')))), 'Équipe PARÉ')
        ELSE json_extract(c.value, '$.after') END)
    ELSE json(c.value)
  END)
  FROM json_each(revisions.changes) c
)
WHERE changes LIKE '%verified_by%@%';

UPDATE revisions SET author_label = coalesce(
  (SELECT u.display_name FROM users u WHERE lower(u.email) = lower(trim(revisions.author_label))), 'Équipe PARÉ')
WHERE author_label LIKE '%@%';

UPDATE submissions SET decided_by_label = coalesce(
  (SELECT u.display_name FROM users u WHERE lower(u.email) = lower(trim(submissions.decided_by_label))), 'Équipe PARÉ')
WHERE decided_by_label LIKE '%@%';

DROP TABLE pare_staff_labels;
DROP TABLE pare_departement_names;

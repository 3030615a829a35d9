"""A submitted pledge is frozen: the database refuses any change to its content (only its
state, its duplicate link and the update time may change). And the standard capabilities of
peacekeeping pledging, with their names in the six languages, so a new install has them."""

from django.db import migrations

FREEZE = """
CREATE FUNCTION pledges_pledge_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.state <> 'draft' AND (
        NEW.delegation_id, NEW.capability_id, NEW.quantity, NEW.unit, NEW.deployable_from,
        NEW.caveats, NEW.contact_name, NEW.contact_email, NEW.contact_phone,
        NEW.may_be_announced, NEW.previous_id, NEW.created_at
    ) IS DISTINCT FROM (
        OLD.delegation_id, OLD.capability_id, OLD.quantity, OLD.unit, OLD.deployable_from,
        OLD.caveats, OLD.contact_name, OLD.contact_email, OLD.contact_phone,
        OLD.may_be_announced, OLD.previous_id, OLD.created_at
    ) THEN
        RAISE EXCEPTION 'pledge % is submitted and cannot be changed; amend it as a new version',
            OLD.id USING ERRCODE = 'check_violation', CONSTRAINT = 'pledge_frozen_once_submitted';
    END IF;
    IF OLD.state <> 'draft' AND NEW.state = 'draft' THEN
        RAISE EXCEPTION 'pledge % cannot go back to draft', OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'pledge_frozen_once_submitted';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER pledges_pledge_frozen BEFORE UPDATE ON pledges_pledge
    FOR EACH ROW EXECUTE FUNCTION pledges_pledge_frozen();
"""
UNFREEZE = """
DROP TRIGGER pledges_pledge_frozen ON pledges_pledge;
DROP FUNCTION pledges_pledge_frozen();
"""

# code, English name, usual unit, {language: name}
STANDARD = [
    ("formed-police-unit", "Formed police unit", "personnel", {
        "fr": "Unité de police constituée", "es": "Unidad de policía constituida",
        "ru": "Сформированное полицейское подразделение", "ar": "وحدة شرطة مشكلة",
        "zh-hans": "建制警察部队"}),
    ("infantry-battalion", "Infantry battalion", "personnel", {
        "fr": "Bataillon d'infanterie", "es": "Batallón de infantería",
        "ru": "Пехотный батальон", "ar": "كتيبة مشاة", "zh-hans": "步兵营"}),
    ("utility-helicopter-unit", "Utility helicopter unit", "aircraft", {
        "fr": "Unité d'hélicoptères de manœuvre", "es": "Unidad de helicópteros de uso general",
        "ru": "Подразделение вертолетов общего назначения",
        "ar": "وحدة طائرات عمودية للأغراض العامة", "zh-hans": "通用直升机部队"}),
    ("level-2-hospital", "Level II hospital", "units", {
        "fr": "Hôpital de niveau II", "es": "Hospital de nivel II",
        "ru": "Госпиталь второго уровня", "ar": "مستشفى من المستوى الثاني",
        "zh-hans": "二级医院"}),
    ("engineering-company", "Engineering company", "personnel", {
        "fr": "Compagnie du génie", "es": "Compañía de ingenieros", "ru": "Инженерная рота",
        "ar": "سرية هندسية", "zh-hans": "工兵连"}),
    ("training-course", "Training course", "training_places", {
        "fr": "Cours de formation", "es": "Curso de capacitación", "ru": "Учебный курс",
        "ar": "دورة تدريبية", "zh-hans": "培训课程"}),
    ("equipment", "Equipment", "items", {
        "fr": "Matériel", "es": "Equipo", "ru": "Имущество", "ar": "معدات",
        "zh-hans": "装备"}),
    ("funding", "Funding", "usd", {
        "fr": "Financement", "es": "Financiación", "ru": "Финансирование", "ar": "تمويل",
        "zh-hans": "资金"}),
]  # fmt: skip


def capabilities_add(apps, schema_editor):
    Capability = apps.get_model("pledges", "Capability")
    for order, (code, name, unit, translations) in enumerate(STANDARD):
        Capability.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_translations": translations,
                "default_unit": unit,
                "order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("pledges", "0001_initial")]

    operations = [
        migrations.RunSQL(FREEZE, UNFREEZE),
        migrations.RunPython(capabilities_add, migrations.RunPython.noop),
    ]

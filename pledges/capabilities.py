"""The capability types of peacekeeping pledging that every install starts with, named in the
six languages (UN terminology); organisers add others in the admin."""

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


def standard_capabilities_ensure(model=None) -> None:
    """Create the standard capabilities that are missing; leave existing ones as organisers
    named them. `model` is the migration's historical model."""
    if model is None:
        from pledges.models import Capability as model
    for order, (code, name, unit, translations) in enumerate(STANDARD):
        model.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_translations": translations,
                "default_unit": unit,
                "order": order * 10,
            },
        )

"""The consent of a person who asks the methodical service a question (152-ФЗ art. 9): a
parent on the public portal as much as a teacher in the app. A new wording is a new version."""

import datetime as dt

from django.db import migrations, models

TEXT = "\n".join(
    [
        "Я даю согласие на обработку моих персональных данных, указанных в обращении, в "
        "соответствии со статьёй 9 Федерального закона от 27.07.2006 № 152-ФЗ «О "
        "персональных данных».",
        "Оператор персональных данных — орган управления образованием муниципального "
        "образования, которому я адресую вопрос, и его муниципальная методическая служба.",
        "Цель обработки: рассмотрение моего обращения, ответ на него письменно или "
        "назначение консультации, учёт консультаций в журнале и их подсчёт в отчётах "
        "методической службы (без моих фамилии и контактов).",
        "Перечень персональных данных: фамилия, имя, отчество (если указаны), адрес "
        "электронной почты, телефон (если указан), категория заявителя, текст обращения, "
        "дата, время и IP-адрес отправки.",
        "Действия с персональными данными: сбор, запись, хранение, использование, "
        "передача руководителю методического объединения, которому адресовано обращение, "
        "обезличивание, удаление и уничтожение, с использованием средств автоматизации.",
        "Согласие действует до достижения цели обработки, но не дольше трёх лет, либо до "
        "его отзыва. Отозвать согласие я могу письменным заявлением оператору; после отзыва "
        "мои данные уничтожаются в течение 30 дней.",
    ]
)


def add_text(apps, schema_editor):
    ConsentText = apps.get_model("privacy", "ConsentText")
    ConsentText.objects.get_or_create(
        purpose="consultation",
        version=1,
        defaults={"effective_from": dt.date(2025, 1, 1), "text": TEXT},
    )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0002_consent_texts")]

    operations = [
        migrations.AlterField(
            model_name="consenttext",
            name="purpose",
            field=models.CharField(
                choices=[
                    ("profile", "the own profile and professional growth"),
                    ("survey", "answers to identified surveys"),
                    ("consultation", "a question to the methodical service"),
                ],
                max_length=20,
                verbose_name="purpose",
            ),
        ),
        migrations.RunPython(add_text, migrations.RunPython.noop),
    ]

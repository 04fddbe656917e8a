from django.core.mail import send_mail
from django.tasks import task
from django.utils import translation
from django.utils.translation import gettext as _

from metodset.consultations.models import ConsultationRequest


@task
def answer_email(request_id: int) -> None:
    """The answer (or the appointment, or the refusal) to the e-mail the asker gave."""
    from metodset.consultations.notices import reply_text

    request = ConsultationRequest.objects.select_related("association", "municipality").get(
        pk=request_id
    )
    with translation.override("ru"):
        subject = _("Answer to your question: %(topic)s") % {"topic": request.topic}
        send_mail(subject[:200], reply_text(request), None, [request.email])

"""Django's JSON fixtures with datetimes and times to the microsecond (DjangoJSONEncoder cuts
them to milliseconds): the portable dump of `metodset backup --db-format=django` gives back
every value exactly. Registered as the serialization format "fulljson" by core.backup."""

import datetime as dt

from django.core.serializers import json as django_json


class ExactEncoder(django_json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, dt.datetime | dt.time) and not (
            isinstance(o, dt.time) and o.utcoffset() is not None
        ):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder


Deserializer = django_json.Deserializer

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from pydantic import Field

from metodset.api import services
from metodset.api.models import ApiToken
from metodset.api.schemas import ERRORS

router = Router(tags=["Токены"])


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenCreated(TokenOut):
    token: str = Field(description="Показывается один раз; сохраните его.")


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=100)


@router.get("/", response={200: list[TokenOut], **ERRORS})
def token_list(request):
    return ApiToken.objects.filter(user=request.user)


@router.post("/", response={201: TokenCreated, **ERRORS})
def token_create(request, payload: TokenIn):
    record, token = services.token_create(user=request.user, name=payload.name)
    return 201, {**TokenOut.from_orm(record).dict(), "token": token}


@router.delete("/{pk}", response={200: TokenOut, **ERRORS})
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    return services.token_revoke(user=request.user, token=token)

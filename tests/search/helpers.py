import json
from http import HTTPStatus

from bs4 import BeautifulSoup
from django.urls import reverse

PAGE = reverse("search:page")
API = reverse("search:api")


def soup(response) -> BeautifulSoup:
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.content, "html.parser")


def api(client, **params) -> dict:
    response = client.get(API, params)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)

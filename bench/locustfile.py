"""Load test of Metodset: the public portal and the methodist's, head's and teacher's daily
pages, with one write (a methodist adding an organisation) counted to prove none is lost.

    pip install -e ".[bench]"
    locust -f bench/locustfile.py --host http://127.0.0.1:8001 --headless \
        --users 100 --spawn-rate 5 --run-time 5m --csv var/locust

Against gunicorn + PostgreSQL with the demo loaded (docs/operations.md, «Нагрузочный тест»).
The accounts are the demo's (password `metodset-demo`): LOCUST_MUNICIPALITY picks the
municipality (rubtsovsk), LOCUST_PASSWORD the password. At the end the file prints how many
organisations were created; count the rows named «Нагрузочный тест …» to check none is lost.
"""

import itertools
import os
import re
import uuid

from locust import HttpUser, between, events, task

MUNICIPALITY = os.environ.get("LOCUST_MUNICIPALITY", "rubtsovsk")
PASSWORD = os.environ.get("LOCUST_PASSWORD", "metodset-demo")
DOMAIN = os.environ.get("LOCUST_DOMAIN", "metodset.demo")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LINK = {
    "association": re.compile(r'href="(/associations/\d+/)"'),
    "plan": re.compile(r'href="(/plans/\d+/)"'),
    "event": re.compile(r'href="(/events/\d+/)"'),
    "passport": re.compile(rf'href="(/p/{MUNICIPALITY}/associations/\d+/)"'),
}
created = itertools.count(1)
CREATED: list[str] = []


def _first(kind: str, html: str) -> str | None:
    match = LINK[kind].search(html)
    return match.group(1) if match else None


class Member(HttpUser):
    """A logged-in user: logs in once, then reads his pages."""

    abstract = True
    wait_time = between(1, 5)
    login = ""

    def on_start(self) -> None:
        page = self.client.get("/accounts/login/", name="login form")
        token = CSRF.search(page.text)
        response = self.client.post(
            "/accounts/login/",
            data={
                "username": f"{self.login}@{MUNICIPALITY}.{DOMAIN}",
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="login",
        )
        if "/accounts/login/" in response.url:
            response.failure(f"login as {self.login} failed")
        self.links: dict[str, str | None] = {}

    def visit(self, path: str, name: str, kind: str | None = None) -> None:
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
            elif kind and not self.links.get(kind):
                self.links[kind] = _first(kind, response.text)


class Methodist(Member):
    weight = 2
    login = "methodist"

    @task(4)
    def home(self):
        self.visit("/", "home")

    @task(3)
    def associations(self):
        self.visit("/associations/", "associations", "association")

    @task(2)
    def association(self):
        if self.links.get("association"):
            self.visit(self.links["association"], "association")

    @task(3)
    def teachers(self):
        self.visit("/teachers/", "teachers")

    @task(2)
    def compliance_matrix(self):
        self.visit("/regulations/compliance/", "compliance matrix")

    @task(2)
    def indicators(self):
        self.visit("/indicators/", "indicators")

    @task(1)
    def organisation_add(self):
        """The write: each success is one organisation that must be in the database."""
        form = self.client.get("/orgs/new/", name="organisation form")
        token = CSRF.search(form.text)
        name = f"Нагрузочный тест {uuid.uuid4().hex[:12]}"
        with self.client.post(
            "/orgs/new/",
            data={
                "kind": "school",
                "name": name,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.host}/orgs/new/"},
            name="organisation add",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code == 302:
                CREATED.append(name)
                next(created)
            else:
                response.failure(f"not created: {response.status_code}")


class Head(Member):
    weight = 2
    login = "head"

    @task(3)
    def home(self):
        self.visit("/", "home")

    @task(3)
    def plans(self):
        self.visit("/plans/", "plans", "plan")

    @task(2)
    def plan(self):
        if self.links.get("plan"):
            self.visit(self.links["plan"], "plan")

    @task(2)
    def meetings(self):
        self.visit("/meetings/", "meetings")

    @task(2)
    def associations(self):
        self.visit("/associations/", "associations", "association")

    @task(2)
    def association(self):
        if self.links.get("association"):
            self.visit(self.links["association"], "association")


class Teacher(Member):
    weight = 3
    login = "teacher"

    @task(3)
    def home(self):
        self.visit("/", "home")

    @task(2)
    def events(self):
        self.visit("/events/", "events", "event")

    @task(1)
    def event(self):
        if self.links.get("event"):
            self.visit(self.links["event"], "event")

    @task(2)
    def library(self):
        self.visit("/library/", "library")

    @task(1)
    def calendar(self):
        self.visit("/calendar/", "calendar")

    @task(1)
    def growth(self):
        self.visit("/growth/me/", "growth (redirect)")


class Public(HttpUser):
    """A visitor of the public portal: no login."""

    weight = 3
    wait_time = between(1, 5)

    def on_start(self) -> None:
        self.passport: str | None = None

    @task(2)
    def portal(self):
        self.client.get("/p/", name="portal")

    @task(3)
    def municipality(self):
        response = self.client.get(f"/p/{MUNICIPALITY}/", name="portal municipality")
        if not self.passport and response.status_code == 200:
            self.passport = _first("passport", response.text)

    @task(2)
    def passport_page(self):
        if self.passport:
            self.client.get(self.passport, name="portal passport")

    @task(2)
    def bank(self):
        self.client.get(f"/p/{MUNICIPALITY}/bank/", name="portal bank")


@events.test_stop.add_listener
def _report_writes(environment, **kwargs) -> None:
    print(f"organisations created (302): {len(CREATED)}")
    if CREATED and os.environ.get("LOCUST_CREATED_FILE"):
        with open(os.environ["LOCUST_CREATED_FILE"], "w", encoding="utf-8") as out:
            out.write("\n".join(CREATED) + "\n")

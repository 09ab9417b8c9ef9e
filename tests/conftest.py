import pytest
from django.contrib.auth.models import Group

from tests.browser.chromium import browser  # noqa: F401  (one Chromium for every browser test)
from tests.factories import make_exercise
from tests.isolated_cache import use_isolated_cache


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        "edna", password="pw-edna-123", is_staff=True, first_name="Edna"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def second_editor(django_user_model):
    user = django_user_model.objects.create_user(
        "otto", password="pw-otto-123", is_staff=True, first_name="Otto"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.com", "pw-root-123")


@pytest.fixture
def reader(django_user_model):
    """Logged in, but not staff: a member of the public with an account."""
    return django_user_model.objects.create_user("rita", password="pw-rita-123")


@pytest.fixture
def exercise(db):
    return make_exercise()


@pytest.fixture
def draft(db):
    return make_exercise(name="Secret Draft Stretch", status="draft")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The real hasher is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def _media_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, _media_folder):
    # Uploaded images, renditions and link-preview cards never land in the checkout's media/.
    # One folder for the session: stored files are named by their content, so the demo
    # images' renditions are made once, not in every test that loads the demo content.
    settings.MEDIA_ROOT = _media_folder


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    # Each test gets its own empty cache: see tests/isolated_cache.py for why.
    use_isolated_cache(settings)

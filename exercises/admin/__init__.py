# The explicit reversion registrations (an exercise follows all of its sections) must exist
# before the VersionAdmin classes are built, or those would register their own guesses.
from .. import revisions  # noqa: F401, I001
from . import exercise, taxonomy  # noqa: F401  (registers the admin classes)
from . import insights, search  # noqa: F401  (search insights, synonyms, promotions)

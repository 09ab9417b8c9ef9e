"""What django-reversion records: an exercise revision carries the rows of all its sections
(exercises.sections), so reverting an exercise brings its lists back too."""

import reversion

from .models import BodyPart, Equipment, Exercise, Muscle
from .sections import row_models, row_relations

for model in row_models():
    reversion.register(model)

reversion.register(Exercise, follow=row_relations())

for vocabulary in (BodyPart, Muscle, Equipment):
    reversion.register(vocabulary)

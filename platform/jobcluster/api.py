"""The project's HTTP API under /api/v1/, documented by OpenAPI. Each app adds its router here."""

from ninja import NinjaAPI, Swagger

from matching.api import router as skills_gap_router
from observatory.api import router as statistics_router
from search.api import router as opportunities_router

# Swagger UI sends the schema's address to validator.swagger.io unless `validatorUrl` is null, and
# the docs page must load nothing from another host.
api = NinjaAPI(
    title="Job Cluster API",
    version="1",
    urls_namespace="api",
    docs=Swagger(settings={"validatorUrl": None}),
)
api.add_router("/statistics/", statistics_router)
api.add_router("/statistics/", skills_gap_router)
api.add_router("/", opportunities_router)

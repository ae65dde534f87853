"""The route most planner and coaching tests plan along."""

ROUTE = [
    "customer-service-representative",
    "lead-customer-service-representative",
    "customer-service-supervisor",
    "customer-service-manager",
]

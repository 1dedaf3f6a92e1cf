"""The pure core of webhook delivery: signing, body formats, matching, retry schedule, address policy.

Nothing here touches the network, Redis or Kafka: the dispatcher and the subscriptions API
(``services/alert/``) wire these functions to the outside world.
"""

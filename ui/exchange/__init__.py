"""Exchange in the app: «Обмен → Отправить…», «Синхронизировать» (F5), automatic sync, notifications."""

from ui.exchange.feature import ExchangeFeature, install

__all__ = ["ExchangeFeature", "install"]

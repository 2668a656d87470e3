import { GlobalOutlined } from "@ant-design/icons"
import { Select } from "antd"
import { useI18n } from "../i18n/I18nProvider"
import { type Locale, locales } from "../i18n/messages"

export const LanguageSwitch = () => {
  const { locale, setLocale, t } = useI18n()
  return (
    <Select<Locale>
      aria-label={t("lang.label")}
      data-testid="language-switch"
      value={locale}
      onChange={setLocale}
      variant="borderless"
      prefix={<GlobalOutlined />}
      style={{ width: 136 }}
      options={locales.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
    />
  )
}

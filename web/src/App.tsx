import { Route, Routes } from 'react-router-dom';
import { RequireAccess, RequireAuth } from './auth/guards';
import { NotFound } from './components/StatusViews';
import { AppLayout } from './layout/AppLayout';
import { AccountPage } from './pages/account/AccountPage';
import { ForcedPasswordPage } from './pages/account/ForcedPasswordPage';
import { AuditPage } from './pages/audit/AuditPage';
import { DashboardPage } from './pages/dashboard/DashboardPage';
import { HouseholdDetailPage } from './pages/households/HouseholdDetailPage';
import { HouseholdsPage } from './pages/households/HouseholdsPage';
import { JobsPage } from './pages/jobs/JobsPage';
import { LoginPage } from './pages/login/LoginPage';
import { PersonPage } from './pages/persons/PersonPage';
import { PersonSearchPage } from './pages/persons/PersonSearchPage';
import { PeriodPage } from './pages/programs/PeriodPage';
import { ProgramsPage } from './pages/programs/ProgramsPage';
import { RulesPage } from './pages/programs/RulesPage';
import { QualityPage } from './pages/quality/QualityPage';
import { RealisasiPage } from './pages/reconciliation/RealisasiPage';
import { ImportPage } from './pages/registry/ImportPage';
import { SyncCheckDetailPage } from './pages/sync/SyncCheckDetailPage';
import { SyncChecksPage } from './pages/sync/SyncChecksPage';
import { TokensPage } from './pages/tokens/TokensPage';
import { UsersPage } from './pages/users/UsersPage';
import { UsulanDetailPage } from './pages/usulan/UsulanDetailPage';
import { UsulanPage } from './pages/usulan/UsulanPage';

// Paths are in Bahasa Indonesia, as operators read and share them.
export function App() {
  return (
    <Routes>
      <Route path="/masuk" element={<LoginPage />} />
      <Route path="/ganti-sandi" element={<ForcedPasswordPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<DashboardPage />} />
        <Route
          path="keluarga"
          element={
            <RequireAccess access="households">
              <HouseholdsPage />
            </RequireAccess>
          }
        />
        <Route
          path="keluarga/:id"
          element={
            <RequireAccess access="households">
              <HouseholdDetailPage />
            </RequireAccess>
          }
        />
        <Route
          path="penduduk"
          element={
            <RequireAccess access="households">
              <PersonSearchPage />
            </RequireAccess>
          }
        />
        <Route
          path="penduduk/:id"
          element={
            <RequireAccess access="households">
              <PersonPage />
            </RequireAccess>
          }
        />
        <Route
          path="kualitas-data"
          element={
            <RequireAccess access="households">
              <QualityPage />
            </RequireAccess>
          }
        />
        <Route
          path="registri/impor"
          element={
            <RequireAccess access="registryImport">
              <ImportPage />
            </RequireAccess>
          }
        />
        <Route
          path="cek-sinkron"
          element={
            <RequireAccess access="households">
              <SyncChecksPage />
            </RequireAccess>
          }
        />
        <Route
          path="cek-sinkron/:id"
          element={
            <RequireAccess access="households">
              <SyncCheckDetailPage />
            </RequireAccess>
          }
        />
        <Route
          path="usulan"
          element={
            <RequireAccess access="usulan">
              <UsulanPage />
            </RequireAccess>
          }
        />
        <Route
          path="usulan/:id"
          element={
            <RequireAccess access="usulan">
              <UsulanDetailPage />
            </RequireAccess>
          }
        />
        <Route
          path="program"
          element={
            <RequireAccess access="distribution">
              <ProgramsPage />
            </RequireAccess>
          }
        />
        <Route
          path="program/:code/aturan"
          element={
            <RequireAccess access="distribution">
              <RulesPage />
            </RequireAccess>
          }
        />
        <Route
          path="program/:code/:period"
          element={
            <RequireAccess access="distribution">
              <PeriodPage />
            </RequireAccess>
          }
        />
        <Route
          path="realisasi"
          element={
            <RequireAccess access="distribution">
              <RealisasiPage />
            </RequireAccess>
          }
        />
        <Route
          path="pengguna"
          element={
            <RequireAccess access="users">
              <UsersPage />
            </RequireAccess>
          }
        />
        <Route
          path="audit"
          element={
            <RequireAccess access="audit">
              <AuditPage />
            </RequireAccess>
          }
        />
        <Route path="pekerjaan" element={<JobsPage />} />
        <Route path="token-api" element={<TokensPage />} />
        <Route path="akun" element={<AccountPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
